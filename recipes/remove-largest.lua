-- Remove the N largest unused images, largest first. Usage: remove-largest [N=2]
local n = tonumber(arg[1] or "2")
local largest = docker.images():unused():sort_by("size", "desc"):first(n)
print(largest)
print(largest:remove())
