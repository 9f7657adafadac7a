package org.compliancebot.bot.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskMatrixTest {
    /** All 25 cells of the 5×5 matrix, transcribed row by row from the specification. */
    @ParameterizedTest(name = "{0} × {1} = {2}")
    @CsvSource({
        "almost-certain, negligible, medium", "almost-certain, minor, high", "almost-certain, moderate, high",
        "almost-certain, major, critical", "almost-certain, catastrophic, critical",
        "likely, negligible, low", "likely, minor, medium", "likely, moderate, high",
        "likely, major, high", "likely, catastrophic, critical",
        "possible, negligible, low", "possible, minor, low", "possible, moderate, medium",
        "possible, major, high", "possible, catastrophic, high",
        "unlikely, negligible, low", "unlikely, minor, low", "unlikely, moderate, medium",
        "unlikely, major, medium", "unlikely, catastrophic, high",
        "rare, negligible, low", "rare, minor, low", "rare, moderate, low",
        "rare, major, medium", "rare, catastrophic, medium",
    })
    void cell(String likelihood, String impact, String level) {
        Likelihood l = Likelihood.parse(likelihood).orElseThrow();
        RiskImpact i = RiskImpact.parse(impact).orElseThrow();
        assertThat(RiskMatrix.level(l, i)).isEqualTo(RiskLevel.parse(level).orElseThrow());
        assertThat(Risk.of("R", "d", l, i).level()).isEqualTo(RiskMatrix.level(l, i));
    }

    @ParameterizedTest
    @CsvSource({"rare/minor, low", "rare/minor;likely/minor, medium", "rare/minor;likely/major;possible/moderate, high",
        "unlikely/major;almost_certain/major, critical"})
    void overallIsTheHighestRisk(String risks, String expected) {
        List<Risk> list = new java.util.ArrayList<>();
        int n = 0;
        for (String r : risks.split(";")) {
            String[] p = r.split("/");
            list.add(Risk.of("R" + ++n, "risk", Likelihood.parse(p[0]).orElseThrow(), RiskImpact.parse(p[1]).orElseThrow()));
        }
        assertThat(new RiskAssessment(list).overall()).isEqualTo(RiskLevel.parse(expected).orElseThrow());
    }
}
