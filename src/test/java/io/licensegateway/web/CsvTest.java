package io.licensegateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() {
        assertThat(Csv.line(Arrays.asList("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2+3,'@SUM(A1),'\tx,\"'\rx\"\r\n");
    }

    @Test
    void numbersAndOrdinaryTextStayAsTheyAre() {
        assertThat(Csv.line(Arrays.asList(-5, new BigDecimal("-0.25"), "Contoso, Ltd.", "a=b", "", null)))
                .isEqualTo("-5,-0.25,\"Contoso, Ltd.\",a=b,,\r\n");
    }
}
