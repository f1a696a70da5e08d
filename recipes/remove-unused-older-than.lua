-- Remove images that no container uses and that are older than an age. Usage: remove-unused-older-than AGE (e.g. 30d)
local age = arg[1] or usage("remove-unused-older-than AGE")
print(docker.images():unused():older_than(age):remove())
