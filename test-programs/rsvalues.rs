// rsvalues.rs: Rust values for `print` and `info locals` (rust-gdb is the oracle): structs,
// tuples, enums with data (Option, Result, niche layouts), &str, slices, String, Vec, Box, Rc,
// Arc, HashMap.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

struct Point {
    x: i32,
    y: i32,
}

struct Tuple(u8, i64);

#[allow(dead_code)]
enum Shape {
    Circle { r: f64 },
    Square(u32),
    Empty,
}

#[allow(dead_code)]
#[derive(Clone, Copy)]
enum Color {
    Red,
    Green,
    Blue,
}

fn inspect(p: &Point, name: &str, nums: &[i32]) -> i32 {
    p.x + p.y + name.len() as i32 + nums.len() as i32
}

fn main() {
    let point = Point { x: 3, y: -4 };
    let pair = (7u8, true);
    let tuple = Tuple(9, -10);
    let circle = Shape::Circle { r: 1.5 };
    let square = Shape::Square(8);
    let empty = Shape::Empty;
    let color = Color::Green;
    let some = Some(5i32);
    let none: Option<i32> = None;
    let some_box: Option<Box<i32>> = Some(Box::new(6));
    let ok: Result<u32, String> = Ok(1);
    let err: Result<u32, String> = Err(String::from("bad"));
    let text: &str = "hello";
    let string = String::from("world");
    let vec = vec![1, 2, 3];
    let empty_vec: Vec<u64> = Vec::new();
    let slice: &[i32] = &vec[1..];
    let boxed = Box::new(Point { x: 1, y: 2 });
    let rc = Rc::new(42u32);
    let arc = Arc::new(String::from("shared"));
    let mut map = HashMap::new();
    map.insert(1, "a");
    let array = [1u16, 2, 3, 4];
    let ch = 'z';
    let float = 2.5f64;
    let total = inspect(&point, text, slice);
    println!("{} {} {:?} {}", total, pair.0, tuple.1, array.len());
    let _ = (&circle, &square, &empty, color as u8, &some, &none, &some_box, &ok, &err);
    let _ = (&string, &empty_vec, &boxed, &rc, &arc, &map, ch, float);
}
