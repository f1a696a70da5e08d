import DockerEngine

extension SystemDiskUsage {
  /// Bytes the images hold on disk: the engine's `LayersSize` (the Images row of `docker system df`), else
  /// each image's own bytes summed.
  var imageBytes: Int64 {
    layersSize ?? images.reduce(0) { $0 + max(0, $1.size - max(0, $1.sharedSize)) }
  }

  /// Bytes the containers wrote in their own layers.
  var containerBytes: Int64 { containers.reduce(0) { $0 + max(0, $1.sizeRw ?? 0) } }

  /// Bytes of the volumes the engine measured.
  var volumeBytes: Int64 { volumes.measuredBytes }

  /// Bytes of the build cache, shared records not counted twice.
  var buildCacheBytes: Int64 { buildCache.ownBytes }

  /// Everything `docker system df` counts.
  var totalBytes: Int64 { imageBytes + containerBytes + volumeBytes + buildCacheBytes }
}

extension Sequence<VolumeSummary> {
  /// The measured sizes summed (a size the engine did not compute counts as 0).
  var measuredBytes: Int64 { reduce(0) { $0 + Swift.max(0, $1.size) } }
}

extension Sequence<BuildCacheRecord> {
  /// The sizes of the records that are not shared with others, summed.
  var ownBytes: Int64 { reduce(0) { $0 + ($1.shared ? 0 : $1.size) } }
}
