-- Remove unused images created before a date. Usage: remove-created-before DATE (e.g. 2020-07-07T00:00:00)
local when = arg[1] or usage("remove-created-before DATE")
print(docker.images():created_before(when):unused():remove())
