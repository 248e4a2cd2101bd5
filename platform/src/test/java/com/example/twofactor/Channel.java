package com.example.twofactor;

public enum Channel {
    AGENT, CUSTOMER
}
