# syntax=docker/dockerfile:1
# KejiLive web node: the dashboard (API, pages, SignalR hub) alone, joining the silos as an Orleans client.
# Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t kejilive/web .
# The build needs Node.js/npm: MSBuild targets run `npm ci` for the pages' browser scripts
# (dashboard/KejiLive.Dashboard/Frontend.targets) and the charts' CJK font (dashboard/KejiLive.Reports/Fonts.targets).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole tree, not csproj files first: a project added by a later change cannot be missed by a cached restore layer.
COPY . .
RUN --mount=type=cache,id=kejilive-nuget,target=/root/.nuget/packages \
    --mount=type=cache,id=kejilive-npm,target=/root/.npm \
    dotnet publish dashboard/KejiLive.Dashboard.Host/KejiLive.Dashboard.Host.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the HEALTHCHECK (the runtime image has neither curl nor wget); tzdata for Asia/Shanghai calendar logic.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_NOLOGO=1 \
    ASPNETCORE_HTTP_PORTS=
# 8080 HTTP (API, pages, /hubs/live, /health). A web node listens on no Orleans port: it dials the silos' gateways.
EXPOSE 8080
# The image's non-root user (app, uid 1654).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "KejiLive.Dashboard.Host.dll"]
CMD ["--urls", "http://0.0.0.0:8080"]
