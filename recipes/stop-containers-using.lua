-- Stop and remove the containers that use an image. Usage: stop-containers-using REF
local ref = arg[1] or usage("stop-containers-using REF")
local users = docker.containers():using(ref)
print(users)
-- One [y/N] question (or --yes) for the whole set, before any container is touched; running ones get the
-- engine's graceful stop (SIGTERM, then SIGKILL after its timeout) before they are removed.
print(users:remove{stop = true})
