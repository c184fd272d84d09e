#!/usr/bin/env bash
# The GPU device check (issue 13, item 4): trials per second of the paper's task-based network
# (10 inputs, 6@x**2 + 2@x - 3, RMSprop, batch 10) trained as K seeds in one batch on the DJL
# batched path, against one at a time on DJL, on the CPU and on gpu(0), for K = 1 to 1,024.
# Prints one line of JSON; "device_check.gpu" says so when DJL finds no GPU.
#
# On a GPU machine DJL needs the CUDA build of libtorch: run it in the `gpu` image
# (docker/Dockerfile), or point PYTORCH_LIBRARY_PATH at libtorch 2.7.1+cu128's lib/ and set
# PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128. About a minute with the defaults; EPOCHS=300 runs
# the paper's full protocol (ten times as long). Extra arguments go to `bench train`.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-backend/target/taskneurons.jar}
DATA=${DATA:-../shared/data/synthetic-epsilon/epsilon_low_no1.csv}
exec java -jar "$JAR" bench train --part device --data "$DATA" \
    --device-trials "${TRIALS:-1,4,16,64,256,1024}" --device-epochs "${EPOCHS:-30}" --json "$@"
