#!/bin/sh
# Starts Task Neurons. Hazelcast and the clustered event bus advertise the address given as
# --cluster-host (TN_CLUSTER_HOST), on their ports --cluster-port and --bus-port; inside a
# container that has to be the container's own address on the compose network, which no
# static configuration knows for a scaled service, so it is looked up here unless set. The
# node name defaults to the container's host name.
set -eu
if [ -z "${TN_CLUSTER_HOST:-}" ]; then
  TN_CLUSTER_HOST=$(getent ahostsv4 "$(cat /proc/sys/kernel/hostname)" | awk 'NR == 1 { print $1 }')
  export TN_CLUSTER_HOST
fi
exec java -jar /opt/taskneurons/taskneurons.jar "$@"
