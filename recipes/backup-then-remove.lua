-- Save matching images to a tar, then remove them. Usage: backup-then-remove REGEX FILE
--- @allow write
local pattern = arg[1] or usage("backup-then-remove REGEX FILE")
local file = arg[2] or usage("backup-then-remove REGEX FILE")
local images = docker.images():match(pattern)
if #images == 0 then
  print("no image matches " .. pattern)
  return
end
local bytes = images:save(file)
-- A dry run saves nothing (and says so); a real save writes at least the archive's index.
if bytes > 0 then print(string.format("saved %d images (%s) to %s", #images, units.size(bytes), file)) end
print(images:remove())
