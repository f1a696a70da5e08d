-- Show disk usage like `docker system df`. Usage: disk-usage
print(docker.df())
