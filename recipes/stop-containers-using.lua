-- Stop and remove the containers that use an image. Usage: stop-containers-using REF
local ref = arg[1] or usage("stop-containers-using REF")
local users = docker.containers():using(ref)
print(users)
-- Force stops running containers and removes them in one step, as `docker rm -f` does, so the [y/N]
-- question (or --yes) comes before any container is touched.
print(users:remove{force = true})
