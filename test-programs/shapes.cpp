// shapes.cpp: classes, virtual methods, a namespace and a template, for C++ names in stops and
// breakpoints (`Shape::area`, `geo::scaled<int>`).
#include <cstdio>

namespace geo {

class Shape {
public:
    explicit Shape(int sides) : sides_(sides) {}
    virtual ~Shape() {}
    virtual int area() const = 0;
    int sides() const { return sides_; }

private:
    int sides_;
};

class Square : public Shape {
public:
    explicit Square(int side) : Shape(4), side_(side) {}
    int area() const override { return side_ * side_; }

private:
    int side_;
};

class Rect : public Shape {
public:
    Rect(int w, int h) : Shape(4), w_(w), h_(h) {}
    int area() const override { return w_ * h_; }

private:
    int w_;
    int h_;
};

template <typename T>
T scaled(T value, T factor)
{
    return value * factor;
}

}  // namespace geo

int total_area(const geo::Shape &a, const geo::Shape &b)
{
    return a.area() + b.area();
}

int main()
{
    geo::Square square(3);
    geo::Rect rect(2, 5);
    int total = total_area(square, rect);
    int bigger = geo::scaled<int>(total, 2);
    double half = geo::scaled<double>(total, 0.5);
    std::printf("%d %d %g %d\n", total, bigger, half, square.sides());
    return 0;
}
