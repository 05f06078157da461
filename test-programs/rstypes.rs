// rstypes.rs: Rust types for ptype/whatis in Rust's syntax: structs, tuple structs, unit
// structs, nested, generic and module-scoped structs, enums of every variant shape, C-like
// enums, unions, tuples, arrays, slices, references, raw and function pointers, trait objects
// and std types. Everything lives in locals of `inspect`, whose stop line then prints alike
// under gdb and rdbg.
#![allow(dead_code)]
use std::collections::HashMap;
use std::fmt::Debug;
use std::marker::PhantomData;
use std::rc::Rc;

#[derive(Debug, Clone, Copy)]
pub struct Point {
    x: i32,
    y: i32,
}
pub struct Tuple(i64, i64);
pub struct Unit;
pub struct Line {
    from: Point,
    to: Point,
    label: &'static str,
}
pub struct Wrapper<T> {
    inner: T,
    count: usize,
}
#[derive(Debug)]
pub enum Shape {
    Circle { r: f64 },
    Square(u32),
    Empty,
}
#[derive(Debug, Clone, Copy)]
pub enum Color {
    Red,
    Green,
    Blue = 7,
}
pub union Bits {
    i: u32,
    f: f32,
}
pub enum Single {
    Only(u8),
}
pub enum Mixed {
    A(u8, u16),
    B { s: String },
    C(Box<Point>),
    D,
}
pub mod inner {
    pub struct Deep {
        pub v: Vec<super::Point>,
    }
    pub static COUNTER: i32 = 3;
}
pub struct Phantom<T> {
    data: u8,
    marker: PhantomData<T>,
}
pub struct WithZst {
    a: Unit,
    b: [u8; 0],
    c: (),
}

fn double(n: i32) -> i32 {
    n * 2
}

fn nothing() {}

fn takes(p: Point, rp: &Point, t: (i32, bool), s: &[u8], d: &dyn Debug) -> usize {
    let _ = (p, rp, t, d);
    s.len()
}

#[inline(never)]
fn inspect() -> i32 {
    let p = Point { x: 3, y: -4 };
    let rp = &p;
    let mut moved = Point { x: 5, y: 6 };
    let mp = &mut moved;
    let t = (7, true);
    let ts = Tuple(9, -10);
    let u = Unit;
    let line = Line { from: p, to: Point { x: 3, y: 4 }, label: "l" };
    let w = Wrapper { inner: 2.5f64, count: 2 };
    let shapes = [Shape::Circle { r: 1.5 }, Shape::Square(4), Shape::Empty];
    let color = Color::Green;
    let bits = Bits { i: 1 };
    let single = Single::Only(1);
    let mixed = Mixed::A(1, 2);
    let unit = ();
    let raw: *const u8 = &7u8;
    let f: fn(i32) -> i32 = double;
    let g: fn() = nothing;
    let c = 'x';
    let big: u128 = 1;
    let v: Vec<i32> = vec![1, 2];
    let s = String::from("hi");
    let st: &str = "str";
    let sl: &[i32] = &v[..];
    let o: Option<i32> = Some(3);
    let os: Option<&str> = None;
    let r: Result<i32, String> = Ok(1);
    let b = Box::new(5);
    let ob: Option<Box<Point>> = Some(Box::new(p));
    let rc = Rc::new(6);
    let mut m = HashMap::new();
    m.insert(1, 2);
    let arr = [1u8, 2, 3];
    let nested = [[0i16; 2]; 3];
    let pp = &rp;
    let raw2: *const *mut u8 = std::ptr::null();
    let of: Option<fn() -> u8> = None;
    let d: &dyn Debug = &p;
    let bx: Box<dyn Debug> = Box::new(3);
    let deep = inner::Deep { v: vec![p] };
    let ph: Phantom<String> = Phantom { data: 1, marker: PhantomData };
    let wz = WithZst { a: Unit, b: [], c: () };
    mp.x += 1;
    let n = takes(p, rp, t, &arr, d);
    println!("{:?} {:?} {:?} {:?} {:?} {:?}", rp, shapes[0], color, d, bx, ob.is_some());
    let _ = (ts, u, line.label, w.inner, unsafe { bits.i }, single, mixed, unit, raw, f, g, c, big);
    let _ = (&s, st, sl, o, os, &r, &b, &rc, &m, nested, pp, raw2, of, deep.v.len(), ph.data, wz.c, inner::COUNTER);
    n as i32 + p.x + line.from.x + w.count as i32
}

fn main() {
    println!("{}", inspect());
}
