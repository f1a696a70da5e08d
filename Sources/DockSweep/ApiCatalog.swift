/// Every function and method of the `docker` and `units` modules, with its
/// signature, one line of help and an example. `help()` and the LuaLS
/// definitions (`docksweep types`) come from here; a test checks it against
/// the registered bindings.
enum ApiCatalog {
  struct Entry {
    /// `docker.images`, `ImageList:match`, `units.bytes`.
    let name: String
    /// LuaLS parameters, e.g. `["regex: string"]`.
    let params: [String]
    /// LuaLS return type.
    let returns: String
    let summary: String
    let example: String

    /// The owner (`docker`, `ImageList`, ...) and the bare name.
    var parts: (owner: String, member: String, isMethod: Bool) {
      if let i = name.firstIndex(of: ":") {
        return (String(name[..<i]), String(name[name.index(after: i)...]), true)
      }
      let i = name.firstIndex(of: ".")!
      return (String(name[..<i]), String(name[name.index(after: i)...]), false)
    }

    var signature: String {
      let p = params.map { $0.split(separator: ":").first.map(String.init) ?? $0 }
      return "\(name)(\(p.joined(separator: ", ")))"
    }
  }

  static let listFilters: [(String, [String], String, String)] = [
    (
      "match", ["regex: string"], "keep items whose reference (images) or name (containers) matches the regex",
      #"docker.images():match("^postgres:13-beta")"#
    ),
    (
      "exclude", ["regex: string"], "drop items whose reference or name matches the regex",
      #"docker.images():exclude(":latest$")"#
    ),
    (
      "created_before", ["when: string|number"],
      "keep items created before a time (2020-07-07T00:00:00, 168h, 7d, unix seconds)",
      #"docker.images():created_before("2020-07-07T00:00:00")"#
    ),
    (
      "created_after", ["when: string|number"], "keep items created after a time",
      #"docker.images():created_after("24h")"#
    ),
    (
      "older_than", ["age: string|number"], "keep items older than an age (168h, 7d, 2w)",
      #"docker.images():older_than("7d")"#
    ),
    ("newer_than", ["age: string|number"], "keep items newer than an age", #"docker.images():newer_than("90m")"#),
    (
      "labeled", ["key: string", "value?: string"], "keep items with the label (and value)",
      #"docker.images():labeled("com.example.team", "web")"#
    ),
    (
      "filter", ["fn: fun(item): boolean"], "keep items for which fn returns true",
      #"docker.images():filter(function(i) return #i.tags > 1 end)"#
    ),
    ("first", ["n: integer"], "the first n items", #"docker.images():sort_by("size", "desc"):first(3)"#),
  ]

  /// An image-list example rewritten for container lists: names instead of references, container fields.
  static func containerExample(_ example: String) -> String {
    example.replacingOccurrences(of: "docker.images()", with: "docker.containers()")
      .replacingOccurrences(of: #""^postgres:13-beta""#, with: #""^web-""#)
      .replacingOccurrences(of: #"":latest$""#, with: #""-old$""#)
      .replacingOccurrences(
        of: "function(i) return #i.tags > 1 end", with: #"function(c) return c.state == "exited" end"#)
  }

  static let entries: [Entry] = {
    var e: [Entry] = [
      Entry(
        name: "docker.images",
        params: ["opts?: {all?: boolean, dangling?: boolean, label?: string|string[], reference?: string|string[]}"],
        returns: "ImageList", summary: "list images, newest first, like `docker image ls`",
        example: #"print(docker.images{dangling = true})"#),
      Entry(
        name: "docker.containers",
        params: ["opts?: {all?: boolean, status?: string|string[], label?: string|string[]}"],
        returns: "ContainerList", summary: "list containers (all by default), like `docker ps -a`",
        example: #"print(docker.containers():stopped())"#),
      Entry(
        name: "docker.rmi", params: ["ref: string", "opts?: {force?: boolean, prune?: boolean}"], returns: "Report",
        summary: "remove one image; raises a docker.Error (kind \"conflict\") when a container uses it",
        example: #"docker.rmi("postgres:13-beta2-alpine")"#),
      Entry(
        name: "docker.rm", params: ["id: string", "opts?: {force?: boolean, volumes?: boolean}"], returns: "Report",
        summary: "remove one container by ID, ID prefix or name", example: #"docker.rm("web", {force = true})"#),
      Entry(
        name: "docker.stop", params: ["id: string", "opts?: {timeout?: integer}"], returns: "Report",
        summary: "stop one container", example: #"docker.stop("web", {timeout = 5})"#),
      Entry(
        name: "docker.prune_images", params: ["opts?: {all?: boolean, until?: string, label?: string|string[]}"],
        returns: "Report", summary: "remove dangling images (all unused with all = true), like `docker image prune`",
        example: #"docker.prune_images{all = true, ["until"] = "168h"}"#),
      Entry(
        name: "docker.prune_containers", params: ["opts?: {until?: string, label?: string|string[]}"],
        returns: "Report",
        summary: "remove stopped containers, like `docker container prune`", example: "docker.prune_containers()"),
      Entry(
        name: "docker.df", params: [], returns: "DiskUsage", summary: "disk usage, the table `docker system df` prints",
        example: "print(docker.df())"),
      Entry(
        name: "docker.save", params: ["images: ImageList|string|string[]", "path: string"], returns: "integer",
        summary: "save images to a tar (needs --allow-write DIR or --trust)",
        example: #"docker.save(docker.images():match("^myorg/"), "backup.tar")"#),
      Entry(
        name: "docker.load", params: ["path: string"], returns: "string[]",
        summary: "load images from a tar (needs --trust)",
        example: #"docker.load("backup.tar")"#),
      Entry(
        name: "docker.pull", params: ["ref: string"], returns: "string", summary: "pull an image (needs --trust)",
        example: #"docker.pull("busybox:1.36")"#),
      Entry(
        name: "docker.run",
        params: ["opts: {image: string, cmd?: string[], env?: string[], name?: string, labels?: table<string,string>}"],
        returns: "string", summary: "create and start a container without network (needs --trust)",
        example: #"docker.run{image = "demo/app:1.0", cmd = {"sleep", "60"}}"#),
      Entry(
        name: "docker.version", params: [], returns: "{version: string, api_version: string, os: string, arch: string}",
        summary: "the engine's version and the negotiated API version", example: "print(docker.version().api_version)"),
      Entry(
        name: "docker.protect", params: ["regex: string", "...: string"], returns: "nil",
        summary: "never remove references matching these patterns, even with force",
        example: #"docker.protect("^myorg/", ":keep$")"#),
      Entry(
        name: "units.bytes", params: ["size: string|number"], returns: "integer",
        summary: "parse a size: \"1.5GB\" → 1500000000",
        example: #"units.bytes("2GiB")"#),
      Entry(
        name: "units.size", params: ["bytes: number", "digits?: integer"], returns: "string",
        summary: "format a size like the docker CLI (3 significant digits)", example: "units.size(1.5e9)"),
      Entry(
        name: "units.time", params: ["when: string|number"], returns: "number",
        summary: "parse a time into unix seconds",
        example: #"units.time("168h")"#),
      Entry(
        name: "units.ago", params: ["unix: number"], returns: "string", summary: "\"3 weeks ago\" for a unix time",
        example: "units.ago(os.time() - 3600)"),
    ]
    for owner in ["ImageList", "ContainerList"] {
      let sample = owner == "ImageList" ? "docker.images()" : "docker.containers()"
      for (name, params, summary, example) in listFilters {
        e.append(
          Entry(
            name: "\(owner):\(name)", params: params, returns: owner, summary: summary,
            example: owner == "ImageList" ? example : containerExample(example)))
      }
      e.append(
        Entry(
          name: "\(owner):sort_by", params: ["field: string", "order?: \"asc\"|\"desc\""], returns: owner,
          summary: owner == "ImageList"
            ? "sort by size, created, repository, tag or id" : "sort by created, name, image, state or size",
          example: #"\#(sample):sort_by("created", "desc")"#))
      e.append(
        Entry(
          name: "\(owner):ids", params: [], returns: "string[]", summary: "the full IDs", example: "\(sample):ids()"))
      e.append(
        Entry(
          name: "\(owner):print", params: ["opts?: {columns?: string[]}"], returns: "nil",
          summary: "print the table, optionally with chosen columns",
          example: #"\#(sample):print{columns = {"id", "created"}}"#))
    }
    e += [
      Entry(
        name: "ImageList:larger_than", params: ["size: string|number"], returns: "ImageList",
        summary: "keep images larger than a size (\"500MB\", \"1.5GB\", \"2GiB\", bytes)",
        example: #"docker.images():larger_than("500MB")"#),
      Entry(
        name: "ImageList:smaller_than", params: ["size: string|number"], returns: "ImageList",
        summary: "keep images smaller than a size", example: #"docker.images():smaller_than("10MB")"#),
      Entry(
        name: "ImageList:dangling", params: [], returns: "ImageList", summary: "keep untagged images",
        example: "docker.images():dangling():remove()"),
      Entry(
        name: "ImageList:unused", params: [], returns: "ImageList",
        summary: "keep images no container (running or stopped) uses", example: "docker.images():unused()"),
      Entry(
        name: "ImageList:used", params: [], returns: "ImageList", summary: "keep images some container uses",
        example: "docker.images():used()"),
      Entry(
        name: "ImageList:refs", params: [], returns: "string[]", summary: "the repository:tag references",
        example: "for _, r in ipairs(docker.images():refs()) do print(r) end"),
      Entry(
        name: "ImageList:total_size", params: [], returns: "integer", summary: "the sum of the images' sizes",
        example: "units.size(docker.images():dangling():total_size())"),
      Entry(
        name: "ImageList:remove", params: ["opts?: {force?: boolean, prune?: boolean}"], returns: "Report",
        summary: "remove the images: matched references, else by ID; asks [y/N] for more than one",
        example: #"docker.images():match("^postgres:13-beta"):remove()"#),
      Entry(
        name: "ImageList:save", params: ["path: string"], returns: "integer", summary: "save the images to a tar",
        example: #"docker.images():match("^myorg/"):save("backup.tar")"#),
      Entry(
        name: "ContainerList:running", params: [], returns: "ContainerList", summary: "keep running containers",
        example: "docker.containers():running()"),
      Entry(
        name: "ContainerList:stopped", params: [], returns: "ContainerList",
        summary: "keep containers that are not running",
        example: "docker.containers():stopped():remove()"),
      Entry(
        name: "ContainerList:using", params: ["image: string"], returns: "ContainerList",
        summary: "keep containers using an image (reference, ID or regex)",
        example: #"docker.containers():using("postgres:13-beta2-alpine"):stop()"#),
      Entry(
        name: "ContainerList:names", params: [], returns: "string[]", summary: "the container names",
        example: "docker.containers():names()"),
      Entry(
        name: "ContainerList:remove", params: ["opts?: {force?: boolean, volumes?: boolean, stop?: boolean}"],
        returns: "Report",
        summary:
          "remove the containers (stop = true stops running ones gracefully first); asks [y/N] for more than one",
        example: "docker.containers():stopped():remove()"),
      Entry(
        name: "ContainerList:stop", params: ["opts?: {timeout?: integer}"], returns: "Report",
        summary: "stop the containers",
        example: "docker.containers():running():stop{timeout = 5}"),
      Entry(
        name: "Image:remove", params: ["opts?: {force?: boolean, prune?: boolean}"], returns: "Report",
        summary: "remove this image by ID (only its matched references when it came from match)",
        example: "docker.images()[1]:remove()"),
      Entry(
        name: "Container:remove", params: ["opts?: {force?: boolean, volumes?: boolean}"], returns: "Report",
        summary: "remove this container", example: "docker.containers()[1]:remove{force = true}"),
      Entry(
        name: "Container:stop", params: ["opts?: {timeout?: integer}"], returns: "Report",
        summary: "stop this container",
        example: "docker.containers()[1]:stop()"),
      Entry(
        name: "Report:ok", params: [], returns: "boolean",
        summary: "true when nothing failed (marks failures as handled)",
        example: "if not report:ok() then print(report.failed[1].error) end"),
    ]
    return e
  }()

  /// The Lua type name of each owner in the catalog.
  static let ownerTypes: [String: String] = [
    "ImageList": "docker.ImageList", "ContainerList": "docker.ContainerList", "Image": "docker.Image",
    "Container": "docker.Container", "Report": "docker.Report",
  ]

  /// Entries whose bare name is `member`.
  static func lookup(_ member: String) -> [Entry] {
    entries.filter { $0.name == member || $0.parts.member == member }
  }
}
