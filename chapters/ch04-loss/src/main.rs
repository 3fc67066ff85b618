use ch04_loss::{Config, Kitchen, Pantry};
fn main() {
    let p = Pantry::stock(None, Config::default(), 42).unwrap();
    let k = Kitchen::new(&p.knobs.layout, &p.knobs.values).unwrap();
    let t = p.menu.encode(&p.docs[0]).unwrap();
    let l = ch04_loss::menu_loss(&k, &t).unwrap();
    println!("{:?}", l.loss);
    let mut nb = ch04_loss::Notebooks::new(1);
    println!("{:?}", k.serve(t[0], 0, &mut nb).unwrap());
}
