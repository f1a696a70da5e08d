-- Remove images whose repository:tag matches a regex. Usage: remove-by-name REGEX
local pattern = arg[1] or usage("remove-by-name REGEX")
print(docker.images():match(pattern):remove())
