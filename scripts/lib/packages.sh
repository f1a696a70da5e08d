# Installs the Debian packages docksweep builds, tests and demos with.
# Source it, then call `install_packages`. Needs root.
DOCKSWEEP_PACKAGES=(liblua5.4-dev lua5.4 docker.io busybox-static libedit2 tmux curl hyperfine time python3 man-db podman openssh-server openssh-client openssl binutils libstdc++-12-dev)

install_packages() {
  if [[ "$(id -u)" != 0 ]]; then
    echo "this script must run as root (it installs packages and starts dockerd)" >&2
    return 1
  fi
  local missing=() package
  for package in "${DOCKSWEEP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  if ((${#missing[@]} > 0)); then
    echo "installing: ${missing[*]}"
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "all present: ${DOCKSWEEP_PACKAGES[*]}"
  fi
}
