// cppvalues.cpp: C++ values for print/ptype/whatis: a class with a base and virtual methods,
// references, a namespace with a variable, a template, static members, an enum class, and a
// method to stop in for `this`.
#include <cstdio>

namespace geo {

int limit = 12;

enum class Color { Red, Green, Blue = 5 };

class Shape {
public:
    explicit Shape(int sides) : sides_(sides) { count++; }
    virtual ~Shape() {}
    virtual int area() const = 0;
    int sides() const { return sides_; }

    static int count;

private:
    int sides_;
};

int Shape::count = 0;

class Square : public Shape {
public:
    explicit Square(int side) : Shape(4), side_(side) {}
    int area() const override { return side_ * side_; }

private:
    int side_;
};

template <typename T>
struct Pair {
    T first;
    T second;
    T sum() const { return first + second; }
};

struct Point {
    int x;
    int y;
    Color color;
};

}  // namespace geo

int measure(const geo::Shape &a, int &scale)
{
    scale += 1;
    return a.area() * scale;
}

int main()
{
    geo::Square square(3);
    geo::Pair<int> ints = {2, 5};
    geo::Pair<double> reals = {0.5, 1.5};
    geo::Color color = geo::Color::Blue;
    geo::Point point = {1, 2, geo::Color::Green};
    int scale = 2;
    int &ref = scale;
    const geo::Shape *shape = &square;
    int total = measure(square, ref) + ints.sum() + square.area();
    std::printf("%d %g %d %d %d\n", total, reals.sum(), static_cast<int>(color), point.x, shape->sides());
    return 0;
}
