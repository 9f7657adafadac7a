package org.compliancebot.bot.cli;

/** Entry point of the bot's command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("compliance-bot");
    }
}
