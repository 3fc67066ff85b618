//! 菜单 — the tokenizer: every dish (character) gets a number, and the service bell 🛎️
//! (BOS) gets the last one.

/// The menu: the sorted unique characters of the records, then the bell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    dishes: Vec<char>,
}

/// A dish that is not on the menu.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MenuError {
    #[error("{dish:?} (U+{code:04X}) at character {position} of {text:?} is not on the menu of {size} dishes; use only characters that appear in the records")]
    UnknownDish {
        dish: char,
        code: u32,
        position: usize,
        text: String,
        size: usize,
    },
    #[error("dish number {id} is not on the menu (0..={bell}); numbers come from encode or from the model's vote")]
    UnknownId { id: usize, bell: usize },
}

/// The bell's printed form.
pub const BELL: &str = "🛎️";

impl Menu {
    /// `uchars = sorted(set(''.join(docs)))`: one dish per distinct character.
    pub fn from_records(docs: &[String]) -> Self {
        let mut dishes: Vec<char> = docs.iter().flat_map(|d| d.chars()).collect();
        dishes.sort_unstable();
        dishes.dedup();
        Menu { dishes }
    }

    /// How many numbers the kitchen uses: every dish plus the bell (27 for the names).
    pub fn vocab_size(&self) -> usize {
        self.dishes.len() + 1
    }

    /// The bell's number: one past the last dish (26 for the names).
    pub fn bell(&self) -> usize {
        self.dishes.len()
    }

    /// The dishes in menu order, without the bell.
    pub fn dishes(&self) -> &[char] {
        &self.dishes
    }

    /// The number of one dish (`uchars.index(ch)`).
    pub fn id(&self, dish: char) -> Option<usize> {
        self.dishes.binary_search(&dish).ok()
    }

    /// The printed form of a number: the dish, or 🛎️ for the bell.
    pub fn name(&self, id: usize) -> Result<String, MenuError> {
        match self.dishes.get(id) {
            Some(c) => Ok(c.to_string()),
            None if id == self.bell() => Ok(BELL.to_string()),
            None => Err(MenuError::UnknownId { id, bell: self.bell() }),
        }
    }
}

// ANCHOR: encode
#[cfg(not(feature = "workbench"))]
impl Menu {
    /// A record as dish numbers, with the bell on both sides: "emma" → [26, 4, 12, 12, 0, 26].
    pub fn encode(&self, text: &str) -> Result<Vec<usize>, MenuError> {
        let mut ids = vec![self.bell()];
        for (position, dish) in text.chars().enumerate() {
            ids.push(self.id(dish).ok_or_else(|| MenuError::UnknownDish {
                dish,
                code: dish as u32,
                position,
                text: text.to_string(),
                size: self.vocab_size(),
            })?);
        }
        ids.push(self.bell());
        Ok(ids)
    }

    /// Dish numbers back to text; the bells are dropped, they are not dishes.
    pub fn decode(&self, ids: &[usize]) -> Result<String, MenuError> {
        let mut text = String::new();
        for &id in ids {
            if id != self.bell() {
                text.push_str(&self.name(id)?);
            } else if id >= self.vocab_size() {
                return Err(MenuError::UnknownId { id, bell: self.bell() });
            }
        }
        Ok(text)
    }
}
// ANCHOR_END: encode

// ANCHOR: encode_starter
#[cfg(feature = "workbench")]
impl Menu {
    /// Exercise 2.1: ring the bell, then one number per dish, then the bell again.
    pub fn encode(&self, text: &str) -> Result<Vec<usize>, MenuError> {
        let _ = text;
        todo!("start with self.bell(), push self.id(dish) for each char (error if None), end with self.bell()")
    }

    /// Exercise 2.2: numbers back to text, skipping the bells.
    pub fn decode(&self, ids: &[usize]) -> Result<String, MenuError> {
        let _ = ids;
        todo!("for each id that is not self.bell(), append self.name(id)?")
    }
}
// ANCHOR_END: encode_starter

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names_menu() -> Menu {
        Menu::from_records(&["abcdefghijklm".into(), "nopqrstuvwxyz".into()])
    }

    #[test]
    fn exercise_encode_emma() {
        let menu = names_menu();
        assert_eq!(menu.encode("emma").unwrap(), [26, 4, 12, 12, 0, 26]);
        let err = menu.encode("zoë").unwrap_err();
        assert!(err.to_string().contains("'ë'"), "{err}");
        assert!(err.to_string().contains("character 2"), "{err}");
    }

    #[test]
    fn exercise_decode_emma() {
        let menu = names_menu();
        assert_eq!(menu.decode(&[26, 4, 12, 12, 0, 26]).unwrap(), "emma");
        assert!(menu.decode(&[27]).is_err());
    }

    #[test]
    fn the_bell_is_last() {
        let menu = names_menu();
        assert_eq!((menu.vocab_size(), menu.bell()), (27, 26));
        assert_eq!(menu.name(26).unwrap(), BELL);
    }

    proptest! {
        #[test]
        fn decode_undoes_encode(text in "[a-z]{0,20}") {
            let menu = names_menu();
            let ids = menu.encode(&text).unwrap();
            prop_assert_eq!(ids.len(), text.len() + 2);
            prop_assert_eq!(menu.decode(&ids).unwrap(), text);
        }
    }
}
