/// What the userdata of a ``LuaObject`` carries: the object together with its conformance, found
/// statically when it was pushed. Reading it back then needs no cast to the protocol, which the runtime
/// answers, the first time for each class, by scanning every conformance record in the process.
final class LuaObjectBox {
  let object: any LuaObject

  init(_ object: any LuaObject) { self.object = object }
}
