// rsargs.rs: Rust function arguments as frame lines show them (rust-gdb is the oracle): scalars,
// `char`s, strings and std collections summarised (`Vec(size=3) = {...}`), other aggregates as
// `...`, C-like enums by path, references as addresses.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Debug, Clone, Copy)]
pub struct Point {
    x: i32,
    y: i32,
}

#[allow(dead_code)]
#[derive(Debug, Clone, Copy)]
pub enum Color {
    Red,
    Green,
    Blue,
}

#[allow(dead_code)]
#[derive(Debug)]
pub enum Shape {
    Circle { r: f64 },
    Square(u32),
    Empty,
}

pub struct Tuple(i64, i64);

impl Point {
    #[inline(never)]
    fn shifted(&self, by: i32) -> Point {
        Point { x: self.x + by, y: self.y + by }
    }
}

#[inline(never)]
fn scalars(a: u8, c: char, b: bool, f: f64, n: i64, u: usize, color: Color) -> f64 {
    println!("{a} {c} {b} {f} {n} {u} {color:?}");
    f + n as f64
}

#[inline(never)]
fn chars(a: char, b: char, c: char, d: char, e: char, f: char, g: char, h: char) -> u32 {
    println!("{a}{b}{c}{d}{e}{f}{g}{h}");
    a as u32
}

#[inline(never)]
fn strings(name: &str, owned: String, nums: &[i32], v: Vec<i32>, empty: Vec<u8>, bytes: &[u8]) -> usize {
    println!("{name} {owned} {nums:?} {v:?} {empty:?} {bytes:?}");
    name.len() + owned.len() + nums.len() + v.len() + empty.len() + bytes.len()
}

#[inline(never)]
fn composites(p: Point, rp: &Point, t: (i32, bool), ts: Tuple, s: Shape, e: Shape) -> i32 {
    println!("{p:?} {rp:?} {t:?} {} {s:?} {e:?}", ts.0 + ts.1);
    p.x + rp.y + t.0
}

#[inline(never)]
fn shared(
    o: Option<i32>,
    os: Option<&str>,
    r: Result<i32, String>,
    bx: Box<i32>,
    rc: Rc<i32>,
    arc: Arc<String>,
    m: HashMap<i32, &str>,
    empty: HashMap<u8, u8>,
    arr: [u8; 3],
    mi: &mut i32,
    words: Vec<String>,
) -> i32 {
    *mi += 1;
    println!("{o:?} {os:?} {r:?} {bx} {rc} {arc} {} {} {arr:?} {words:?}", m.len(), empty.len());
    o.unwrap_or(0) + *bx
}

fn main() {
    scalars(65, 'é', true, 2.5, -7, 9, Color::Blue);
    chars('A', 'é', 'ł', '€', '😀', '\n', '\u{7f}', '\'');
    strings("hello", String::from("owned"), &[2, 3], vec![1, 2, 3], Vec::new(), b"hi");
    composites(Point { x: 3, y: -4 }, &Point { x: 1, y: 2 }, (7, true), Tuple(9, -10), Shape::Circle { r: 1.5 }, Shape::Empty);
    let mut m = HashMap::new();
    m.insert(1, "a");
    // On the heap: its address is the same under gdb and rdbg, whose environments (and so
    // stacks) differ.
    let mut k = Box::new(5);
    let words = vec![String::from("x"), String::from("yz")];
    shared(Some(5), Some("x"), Ok(3), Box::new(8), Rc::new(6), Arc::new(String::from("arc")), m, HashMap::new(), [1, 2, 3], &mut *k, words);
    let moved = Point { x: 1, y: 1 }.shifted(2);
    println!("{}", moved.x);
}
