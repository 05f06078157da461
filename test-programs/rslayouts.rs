// rslayouts.rs: nested Rust values for `set print pretty` (rust-gdb is the oracle): structs in
// structs, tuples and arrays of structs, std containers of structs, enums carrying structs.

use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

struct Line {
    from: Point,
    to: Point,
    tag: (u8, Point),
}

struct Unit;

struct Bag {
    name: String,
    points: Vec<Point>,
    corners: [Point; 2],
    unit: Unit,
    maybe: Option<Point>,
    shared: Rc<Point>,
}

#[allow(dead_code)]
enum Event {
    Moved { to: Point, by: (i32, i32) },
    Drawn(Line),
    Idle,
}

fn consume(line: Line, first: Point, maybe: Option<Point>, points: Vec<Point>) -> i32 {
    line.from.x + first.y + maybe.map_or(0, |p| p.x) + points.len() as i32
}

fn mirror(p: Point) -> Point {
    Point { x: p.y, y: p.x }
}

fn main() {
    let line = Line { from: Point { x: 1, y: 2 }, to: Point { x: 3, y: 4 }, tag: (5, Point { x: 6, y: 7 }) };
    let points = vec![Point { x: 1, y: 1 }, Point { x: 2, y: 2 }];
    let bag = Bag {
        name: String::from("bag"),
        points: points.clone(),
        corners: [Point { x: 0, y: 0 }, Point { x: 9, y: 9 }],
        unit: Unit,
        maybe: Some(Point { x: 5, y: 5 }),
        shared: Rc::new(Point { x: 8, y: 8 }),
    };
    let moved = Event::Moved { to: Point { x: 2, y: 3 }, by: (1, 1) };
    let drawn = Event::Drawn(Line {
        from: Point { x: 0, y: 0 },
        to: Point { x: 1, y: 1 },
        tag: (0, Point { x: 0, y: 0 }),
    });
    let idle = Event::Idle;
    let mut by_name = HashMap::new();
    by_name.insert(1u8, Point { x: 4, y: 4 });
    let nested = ((1, 2), Point { x: 3, y: 3 });
    let many = [Point { x: 0, y: 0 }; 12];
    let flipped = mirror(bag.corners[1]);
    let total = flipped.x + consume(line, bag.corners[1], bag.maybe, points.clone());
    println!("{}", total);
    let _ = (&moved, &drawn, &idle, &by_name, &nested, &many, &bag, &points);
}
