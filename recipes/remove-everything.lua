-- Force-remove every container and image (protected ones stay). Usage: remove-everything
print(docker.containers():remove{force = true})
print(docker.images():remove{force = true})
