import LuaBridge

/// The methods of single objects: an image, a container, a report.
enum ObjectMethods {
  static let bindings: [Binding] = [
    Binding(
      .methods(of: ImageObject.className), "remove", options: ImageRemoval.options, returns: "Report",
      summary: "remove this image by ID (only its matched references when it came from match)",
      example: "docker.images()[1]:remove()"
    ) { a in
      let image = try a.receiver(ImageObject.self)
      return [a.docker.hand(try ImageRemoval(a).run([image.item]))]
    },
    Binding(
      .methods(of: ContainerObject.className), "remove", options: ContainerOperation.removeOptions,
      returns: "Report", summary: "remove this container", example: "docker.containers()[1]:remove{force = true}"
    ) { a in
      let c = try a.receiver(ContainerObject.self)
      return [a.docker.hand(try ContainerOperation(removing: a).run([c.summary]))]
    },
    Binding(
      .methods(of: ContainerObject.className), "stop", options: ContainerOperation.stopOptions, returns: "Report",
      summary: "stop this container", example: "docker.containers()[1]:stop()"
    ) { a in
      let c = try a.receiver(ContainerObject.self)
      return [a.docker.hand(try ContainerOperation(stopping: a).run([c.summary]))]
    },
    Binding(
      .methods(of: ReportObject.className), "ok", returns: "boolean",
      summary: "true when nothing failed (marks failures as handled)",
      example: "if not report:ok() then print(report.failed[1].error) end"
    ) { a in
      let r = try a.receiver(ReportObject.self)
      r.handled = true
      return [.boolean(r.report.ok)]
    },
  ]
}
