-- Remove unused images created before a date. Usage: remove-created-before DATE (e.g. 2020-07-07T00:00:00)
local when = assert(arg[1], "usage: remove-created-before DATE")
print(docker.images():created_before(when):unused():remove())
