-- Keep the newest N tags of each repository and remove the older ones. Usage: keep-latest [N=3] [REPO-REGEX]
local keep = math.tointeger(tonumber(arg[1] or "3")) or usage("keep-latest [N=3] [REPO-REGEX] (N a whole number)")
local only = arg[2] or "."
local seen, old = {}, {}
-- docker.images() is newest first.
for _, ref in ipairs(docker.images():match(only):refs()) do
  local repo = ref:match("^(.*):[^:/]+$") or ref
  seen[repo] = (seen[repo] or 0) + 1
  if seen[repo] > keep then old[#old + 1] = "^" .. ref:gsub("%p", "%%%0"):gsub("%%", "\\") .. "$" end
end
if #old == 0 then
  print("nothing to remove: no repository has more than " .. keep .. " tags")
  return
end
print(docker.images():match(table.concat(old, "|")):remove())
