-- Keep images under a disk budget, evicting the least recently used, as docuum does. Usage: keep-under SIZE|PERCENT [MIN-AGE=5m]
-- Images in use, protected images and images used within MIN-AGE stay. A percentage is of the
-- filesystem holding the engine's data root. Run unattended: docksweep watch recipe keep-under 10GB --yes
local budget = arg[1] or usage("keep-under SIZE|PERCENT [MIN-AGE=5m] (for example 10GB or 80%)")
docker.budget{images = budget, min_age = arg[2] or "5m"}
