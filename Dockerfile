# The bot's image: built from source in a JDK stage, run on a JRE as an unprivileged user.
FROM eclipse-temurin:21.0.5_11-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY testkit/pom.xml testkit/pom.xml
COPY bridge/pom.xml bridge/pom.xml
COPY bot/pom.xml bot/pom.xml
COPY demo/pom.xml demo/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -q -pl bot -am dependency:go-offline -DskipTests || true
COPY . .
RUN ./mvnw -B -q -pl bot -am package -DskipTests

FROM eclipse-temurin:21.0.5_11-jre
RUN groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid bot --home-dir /data --shell /usr/sbin/nologin bot \
 && mkdir -p /data /config && chown bot:bot /data
COPY --from=build /src/bot/target/compliance-bot.jar /app/compliance-bot.jar
COPY deploy/bot-entrypoint.sh /app/entrypoint.sh
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["/app/entrypoint.sh"]
