-- Remove every image no container uses, like `docker image prune -a`. Usage: prune-unused
print(docker.prune_images{all = true})
