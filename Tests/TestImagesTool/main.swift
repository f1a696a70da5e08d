import Foundation
import TestImages

let usage = """
  usage: docksweep-testimages article OUT.tar
         docksweep-testimages many N OUT.tar [--tags-per-image K] [--repository NAME] [--layer-bytes B]
         docksweep-testimages bench N OUT.tar [--tags-per-image K] [--repository NAME] [--size-step B] [--runnable 1]

  Writes test images as a `docker save` archive; load it with `docker load -i OUT.tar`.

  article   the images of the Docker cleanup article (about 300 MB of layers; all labelled
            docksweep.fixture=article):
              postgres:13-beta1               2020-05-21  debian base 6 MB + 8 MB
              postgres:13-beta2 myorg/pg:keep 2020-06-25  one image, two tags; debian base + 8 MB
              postgres:13-beta2-alpine        2020-06-26  alpine base 3 MB + 7 MB
              postgres:13-beta3               2020-08-13  debian base + 8.5 MB
              nextcloud:19.0.0                2020-06-04  debian base + php-apache 10 MB + 12 MB
              nextcloud:19.0.1 19-apache      2020-07-16  one image, two tags; shares debian and php-apache
              nextcloud:latest                2020-08-28  debian base + php-apache + 12.2 MB
              collabora/code:latest           2020-07-01  ubuntu base 5 MB + 200 MB
              <none> (dangling)               2020-06-10  debian base + 2 MB
              <none> (dangling)               2020-07-20  alpine base + 1.5 MB
              demo/app:1.0                    2020-07-07  busybox + 100 kB, Cmd `sleep 3600`: it runs
  many N    N small images NAME/1 ... NAME/N (NAME defaults to bench), each tagged v1 ... vK
            (K = --tags-per-image, default 1), created an hour apart from 2020-01-01, sharing one
            4 kB layer; --layer-bytes B gives each image a layer of its own of B bytes.
  bench N   like many, but image i has a layer of its own of i * B bytes (B = --size-step, default 1000),
            so sizes differ; --runnable 1 adds busybox and Cmd `sleep 3600` to every image.

  The busybox image needs a static /bin/busybox (Debian's busybox-static).
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("docksweep-testimages: \(message)\n".utf8))
  exit(2)
}

/// Reads `--name VALUE` options from `args`, returning the remaining positional arguments.
func parseOptions(_ args: ArraySlice<String>, into options: inout [String: Int], strings: inout [String: String])
  -> [String]
{
  var positional: [String] = []
  var rest = args
  while let arg = rest.popFirst() {
    guard arg.hasPrefix("--") else {
      positional.append(arg)
      continue
    }
    let name = String(arg.dropFirst(2))
    guard let value = rest.popFirst() else { fail("\(arg) needs a value") }
    if strings[name] != nil {
      strings[name] = value
    } else if options[name] != nil {
      guard let number = Int(value), number >= 0 else { fail("\(arg) needs a whole number, not \(value)") }
      options[name] = number
    } else {
      fail("unknown option \(arg)")
    }
  }
  return positional
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.isEmpty || arguments.contains("--help") || arguments.contains("-h") {
  print(usage)
  exit(arguments.isEmpty ? 2 : 0)
}

var numbers = ["tags-per-image": 1, "layer-bytes": 0, "size-step": 1_000, "runnable": 0]
var strings = ["repository": "bench"]
let positional = parseOptions(arguments, into: &numbers, strings: &strings)
let images: [TestImage]
let output: String
switch positional.first {
case "article":
  guard positional.count == 2 else { fail("usage: docksweep-testimages article OUT.tar") }
  images = ImageSets.article()
  output = positional[1]
case "many":
  guard positional.count == 3, let count = Int(positional[1]), count >= 0 else {
    fail("usage: docksweep-testimages many N OUT.tar [--tags-per-image K] [--repository NAME] [--layer-bytes B]")
  }
  guard numbers["tags-per-image"]! >= 1 else { fail("--tags-per-image must be at least 1") }
  images = ImageSets.many(
    count, tagsPerImage: numbers["tags-per-image"]!, repository: strings["repository"]!,
    layerBytes: numbers["layer-bytes"]!)
  output = positional[2]
case "bench":
  guard positional.count == 3, let count = Int(positional[1]), count >= 0 else {
    fail("usage: docksweep-testimages bench N OUT.tar [--tags-per-image K] [--repository NAME] [--size-step B]")
  }
  guard numbers["tags-per-image"]! >= 1 else { fail("--tags-per-image must be at least 1") }
  images = ImageSets.bench(
    count, tagsPerImage: numbers["tags-per-image"]!, repository: strings["repository"]!,
    sizeStep: numbers["size-step"]!, runnable: numbers["runnable"]! != 0)
  output = positional[2]
default:
  fail("unknown command \(positional.first ?? ""); see --help")
}

do {
  let ids = try ImageArchive.write(images, to: URL(fileURLWithPath: output))
  let tags = images.reduce(0) { $0 + $1.tags.count }
  print("wrote \(Set(ids).count) images, \(tags) tags to \(output)")
} catch {
  fail("\(error)")
}
