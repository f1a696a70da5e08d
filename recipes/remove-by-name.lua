-- Remove images whose repository:tag matches a regex. Usage: remove-by-name REGEX
local pattern = assert(arg[1], "usage: remove-by-name REGEX")
print(docker.images():match(pattern):remove())
