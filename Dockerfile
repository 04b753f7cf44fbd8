# The stub server as a container, for teams without .NET (Docker 23+ with BuildKit):
#   docker build -t apicontracts .
#   docker run --rm -p 8080:8080 -e APICONTRACTS_ADMIN_TOKEN="$(openssl rand -hex 16)" apicontracts
# Extra arguments go to `apicontracts serve`: `... apicontracts --allow-host stub --seed 7`.
# The image serves the definitions built into the tool; mount your own and pass --root /defs to use them.

# Build: publish the CLI for the image's platform, ReadyToRun; the build fetches the Pact engine from npm.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG TARGETARCH
RUN rid=$([ "$TARGETARCH" = "arm64" ] && echo linux-arm64 || echo linux-x64) \
 && dotnet publish src/ApiContracts.Cli -c Release -r "$rid" --self-contained false -o /app

# Run: the ASP.NET Core runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
WORKDIR /work
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 PACT_DO_NOT_TRACK=true
EXPOSE 8080
# Reachable from outside the container, so the stub insists on an admin token: it reads APICONTRACTS_ADMIN_TOKEN
# (and refuses to start, saying so, without one). `docker stop` sends SIGTERM, which stops it cleanly.
ENTRYPOINT ["dotnet", "/app/apicontracts.dll", "serve", "--host", "0.0.0.0", "--port", "8080"]
