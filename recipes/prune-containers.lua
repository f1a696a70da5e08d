-- Remove every stopped container, like `docker container prune`. Usage: prune-containers
print(docker.prune_containers())
