-- Remove one image; if a container uses it, say which. Usage: remove-image REF
local ref = arg[1] or usage("remove-image REF")
local ok, err = pcall(docker.rmi, ref)
if ok then
  print(err)
elseif type(err) == "userdata" and err.kind == "conflict" then
  print("in use: " .. err.message)
  print(docker.containers():using(ref))
  error("image " .. ref .. " is in use; stop and remove the container first (recipe stop-containers-using)", 0)
else
  error(err, 0)
end
