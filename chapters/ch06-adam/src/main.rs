fn main() {
    use ch06_adam::*;
    let p = Pantry::stock(None, Config::default(), 42).unwrap();
    let mut a = Apprentice::new(p.knobs, Habits::default());
    let t = std::time::Instant::now();
    let mut out = String::new();
    a.train(&p.docs, &p.menu, 1000, 1000, |l| { out.push_str(&format!("{:?}\n", l.loss)); }).unwrap();
    eprintln!("{:?}", t.elapsed());
    std::fs::write("/tmp/ref/rust_losses.txt", out).unwrap();
}
