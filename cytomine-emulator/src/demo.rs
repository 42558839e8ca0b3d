pub fn load(_s: &mut crate::store::State, _a: &crate::keys::UserKeys, _u: &str) {}
