//! The salt-and-sugar figure in both books is exactly what the code draws from a real
//! trace. To redraw it after a change:
//!
//! ```sh
//! cargo run -p ch05-backprop -- --figure book/src/figures/salt-sugar.svg
//! cp book/src/figures/salt-sugar.svg book/en/src/figures/salt-sugar.svg
//! ```

use ch05_backprop::by_hand::two_step_dish;
use ch05_backprop::figure::{salt_and_sugar, svg};
use ch05_backprop::{backward, Order};

const BOOKS: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/src/figures/salt-sugar.svg"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/en/src/figures/salt-sugar.svg"),
];

#[test]
fn both_books_hold_the_figure_the_code_draws() {
    let drawn = salt_and_sugar().unwrap();
    for path in BOOKS {
        let committed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            committed == drawn,
            "{path} is not what the code draws: regenerate it with\n  cargo run -p ch05-backprop -- --figure book/src/figures/salt-sugar.svg\nand copy it to book/en/src/figures/"
        );
    }
}

#[test]
fn the_figure_shows_the_traced_numbers() {
    let drawn = salt_and_sugar().unwrap();
    assert!(drawn.starts_with("<svg"), "{}", &drawn[..80.min(drawn.len())]);
    for text in [
        "= 2",
        "= 3",
        "= 6",
        "= 8",
        "梯度 grad 4 = 3 + 1",
        "梯度 grad 2",
        "×3 → 3",
        "×2 → 2",
        "×1 → 1",
    ] {
        assert!(drawn.contains(text), "the figure lacks {text:?}");
    }
    // Drawn twice, the same bytes.
    assert_eq!(drawn, salt_and_sugar().unwrap());
}

#[test]
fn the_figure_follows_the_tape() {
    // Another dish gives other numbers: nothing in the figure is a constant.
    let dish = two_step_dish(5.0, 0.5);
    backward(dish.taste, Order::Reference).unwrap();
    let drawn = svg(&dish).unwrap();
    for text in [
        "= 5",
        "= 0.500",
        "= 2.500",
        "= 7.500",
        "梯度 grad 1.500 = 0.500 + 1",
        "梯度 grad 5",
        "×0.500 → 0.500",
        "×5 → 5",
    ] {
        assert!(drawn.contains(text), "the figure lacks {text:?}");
    }
}
