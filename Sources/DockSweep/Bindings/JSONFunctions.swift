import DockerEngine
import LuaBridge

/// The `json` module: JSON text from Lua values and back. Pure functions, so sandboxed recipes have it.
enum JSONFunctions {
  static let bindings: [Binding] = [
    Binding(
      .module("json"), "encode", ["value: any"], returns: "string",
      summary: "compact JSON text: docksweep objects by their fields, lists as arrays, tables as arrays or objects",
      example: #"print(json.encode{removed = docker.images():dangling():ids()})"#
    ) { a in [.string(try JSONDocument.from(a.value(1)).text)] },
    Binding(
      .module("json"), "decode", ["text: string"], returns: "any",
      summary: "the value of a JSON text (objects and arrays as tables, null as nil)",
      example: #"print(json.decode('{"a": [1, 2]}').a[2])"#
    ) { a in
      guard case .bytes(let bytes) = a.value(1) else { throw a.call.typeError(a.position(1), expected: "string") }
      do {
        return [JSONDocument.lua(try JSONValue.parse(bytes))]
      } catch {
        throw LuaArgumentError(position: a.position(1), reason: "\(error)")
      }
    },
  ]

  /// `list:json()`, `report:json()`, `df:json()`: the object's JSON text.
  static func method(_ className: String, sample: String) -> Binding {
    Binding(
      .methods(of: className), "json", returns: "string",
      summary: "the JSON text of this value (as --format json prints it)",
      example: "print(\(sample):json())"
    ) { a in
      guard case .object(let object) = a.call.value(1), let encodable = object as? any JSONEncodable else {
        throw a.call.typeError(1, expected: className)
      }
      return [.string(try encodable.jsonDocument().text)]
    }
  }
}
