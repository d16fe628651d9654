//! Exports the Wasm shadow stack's pointer, `__stack_pointer`, from the module: the package's
//! loader restores it when an exception leaves Wasm midway (pkg-template/instance.js).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-cdylib-link-arg=--export=__stack_pointer");
    }
}
