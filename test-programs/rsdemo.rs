// rsdemo.rs: a small Rust program for Rust names in stops and breakpoints (`rsdemo::area`).

struct Rect {
    w: u32,
    h: u32,
}

fn area(r: &Rect) -> u32 {
    r.w * r.h
}

fn describe(n: u32) -> String {
    format!("area {}", n)
}

fn main() {
    let shapes = vec![Rect { w: 2, h: 3 }, Rect { w: 4, h: 5 }];
    let mut total = 0;
    for s in &shapes {
        total += area(s);
    }
    let text = describe(total);
    println!("{}", text);
}
