-- Stop and remove the containers that use an image. Usage: stop-containers-using REF
local ref = assert(arg[1], "usage: stop-containers-using REF")
local users = docker.containers():using(ref)
print(users)
print(users:running():stop())
print(users:remove())
