package com.example.partner;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The same app on Spring Boot: the starter makes the clients from fieldgate.* properties. */
@SpringBootApplication
public class PinsSpringApp {}
