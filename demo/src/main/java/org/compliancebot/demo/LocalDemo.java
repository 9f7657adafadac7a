package org.compliancebot.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.app.StandardModules;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseOptions;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * Runs everything needed to try the bot on one machine: Synapse from PyPI in a project-local
 * virtualenv on 127.0.0.1 with SQLite, the bot on SQLite, a bot account and a demo user, and a first
 * room. Prints how to sign in, then runs until Ctrl-C or SIGTERM, which stop the bot and then Synapse.
 * Exits with status 1, after stopping what it started, if anything fails on the way up.
 */
public final class LocalDemo {
    private LocalDemo() {}

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            // Without this the JVM could stay up on the bot's threads; exiting runs the hooks that stop Synapse.
            System.out.flush();
            System.err.println("The demo could not start: " + e);
            e.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        System.out.println("Starting Synapse (the first run installs it from PyPI; this takes about a minute)...");
        System.out.flush();
        SynapseServer synapse = SynapseServer.startDedicated(SynapseOptions.shared().withName("demo")
                .withStartTimeout(Duration.ofMinutes(5)));
        RegisteredUser bot = synapse.registerUser("compliance-bot", SynapseServer.randomPassword(), false);
        RegisteredUser demo = synapse.registerUser("demo", SynapseServer.randomPassword(), false);

        Path dir = synapse.runDir().resolve("bot");
        Files.createDirectories(dir);
        String server = synapse.serverName();
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: COMPLIANCEBOT
                  display_name: Compliance Bot
                database:
                  url: jdbc:sqlite:%s
                roles:
                  security_lead: ["%s"]
                  human_overseer: ["%s"]
                  compliance_manager: ["%s"]
                """.formatted(synapse.baseUrl(), bot.userId(), dir.resolve("bot.db"), demo.userId(), demo.userId(), demo.userId());
        Path configFile = dir.resolve("config.yaml");
        Files.writeString(configFile, yaml);
        BotConfig config = new ConfigLoader().load(configFile);

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Secrets.PASSWORD, bot.password());
        byte[] storeKey = new byte[32];
        new SecureRandom().nextBytes(storeKey);
        env.putIfAbsent(Secrets.STORE_KEY, Base64.getEncoder().encodeToString(storeKey));

        BotApplication app = new BotApplication(config, new Secrets(env), Clock.systemUTC());
        StandardModules.all().forEach(app::with);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            synapse.stop();
            System.out.println("Stopped the bot and Synapse.");
            System.out.flush();
            stopped.countDown();
        }, "demo-shutdown"));
        app.start();
        RoomId room = app.client().createRoom(CreateRoomRequest.builder().preset("private_chat")
                .name("Compliance bot demo").topic("Try !ping and !help here").invite(demo.userId()).build());

        System.out.println();
        System.out.println("==============================================================");
        System.out.println(" Synapse and the compliance bot are running (loopback only).");
        System.out.println();
        System.out.println(" Sign in with Element (Desktop, or Element Web served locally) or any Matrix client:");
        System.out.println("   Homeserver: " + synapse.baseUrl());
        System.out.println("   User:       " + demo.userId() + "   (or just: demo)");
        System.out.println("   Password:   " + demo.password());
        System.out.println();
        System.out.println(" You are invited to the room 'Compliance bot demo' (" + room + ").");
        System.out.println(" The bot runs as " + bot.userId() + "; its configuration is " + configFile);
        System.out.println(" Synapse's files and log are in " + synapse.runDir());
        System.out.println(" Press Ctrl-C to stop both.");
        System.out.println("==============================================================");
        System.out.flush();
        stopped.await();
    }
}
