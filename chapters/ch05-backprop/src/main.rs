fn main() {
    use ch05_backprop::{Config, Pantry};
    let p = Pantry::stock(None, Config::default(), 42).unwrap();
    let t = p.menu.encode(&p.docs[0]).unwrap();
    let mut g = vec![0.0; p.knobs.values.len()];
    let tr = ch05_backprop::gradients::trace(&p.knobs.layout, &p.knobs.values, &t, ch05_backprop::Order::Reference, &mut g).unwrap();
    println!("{:?}", tr.loss);
    let s: Vec<String> = g.iter().map(|x| format!("{x:?}")).collect();
    std::fs::write("/tmp/ref/rust_grads.txt", s.join("\n")).unwrap();
}
