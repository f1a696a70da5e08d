-- Prune all unused images older than an age, like `docker image prune -a --filter until=AGE`. Usage: prune-older-than AGE (168h, 7d, 2w)
local age = arg[1] or usage("prune-older-than AGE")
print(docker.prune_images{all = true, ["until"] = age})
