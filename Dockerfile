# compendium for CI, in a container: `check` and `build` only (the CI build,
# without the `serve` feature), on Debian's slim image.
#
#   docker build -t compendium .
#   docker run --rm -v "$PWD:/site" -u "$(id -u):$(id -g)" compendium build --base-url https://example.org/
#
# The site folder (holding content/) is mounted at /site, the working
# folder, so every command works on it as in a checkout; `-u` makes public/
# yours rather than root's. tests/suite/docker.rs builds this image and runs
# it on the bundled content when a Docker engine is running.

# The builder: the toolchain and the sources that the binary is made from
# (.dockerignore lets in nothing else).
FROM rust:1-bookworm AS builder
WORKDIR /src
COPY . .
# --locked: the versions of Cargo.lock. --no-default-features: without the
# dev server, as `cargo install` in the CI recipes (recipes/). The symbols
# are stripped: nobody debugs from this image, and it is smaller without.
ENV CARGO_PROFILE_RELEASE_STRIP=symbols
RUN cargo build --locked --release --no-default-features --bin compendium

# The image: the binary alone (it links only libc, libm and libgcc_s, which
# the slim image has).
FROM debian:bookworm-slim
COPY --from=builder /src/target/release/compendium /usr/local/bin/compendium
WORKDIR /site
ENTRYPOINT ["compendium"]
CMD ["--help"]
