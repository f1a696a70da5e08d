-- Keep the newest N tags of each repository and remove the older ones. Usage: keep-latest [N=3] [REPO-REGEX]
local keep = math.tointeger(tonumber(arg[1] or "3")) or usage("keep-latest [N=3] [REPO-REGEX] (N a whole number)")
local images = docker.images():match(arg[2] or ".")
-- Each repository's images come newest first; all but the first N of them are old.
local old = {}
for _, repo in pairs(images:by_repository()) do
  for _, ref in ipairs(repo:skip(keep):refs()) do old[#old + 1] = ref end
end
if #old == 0 then
  print("nothing to remove: no repository has more than " .. keep .. " tags")
  return
end
print(images:only(old):remove())
