-- Remove dangling (untagged) images, like `docker image prune`. Usage: prune-dangling
print(docker.prune_images())
