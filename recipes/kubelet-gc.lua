-- Image garbage collection with the kubelet's watermarks. Usage: kubelet-gc [HIGH=85%] [LOW=80%] [MIN-AGE=2m] [MAX-AGE]
-- Above HIGH (of the filesystem holding the engine's data root) it frees down to LOW, least recently
-- used first; images unused for MAX-AGE go whatever the disk.
docker.budget{images = arg[1] or "85%", low = arg[2] or "80%", min_age = arg[3] or "2m", max_age = arg[4]}
