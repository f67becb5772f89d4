package io.licensegateway.company;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One folded spelling that belongs to a company folding cannot see ({@code company_alias}, V17). */
@Entity
@Table(name = "company_alias")
public class CompanyAlias {

    /** The folded spelling ({@code company_fold} of a name as consoles send it). */
    @Id
    private String spelling;

    /** The company key it belongs to. */
    @Column(nullable = false)
    private String company;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected CompanyAlias() {
    }

    CompanyAlias(String spelling, String company, OffsetDateTime createdAt) {
        this.spelling = spelling;
        this.company = company;
        this.createdAt = createdAt;
    }

    public String spelling() {
        return spelling;
    }

    public String company() {
        return company;
    }

    void moveTo(String otherCompany) {
        this.company = otherCompany;
    }
}
